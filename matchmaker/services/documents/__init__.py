"""The printed documents' rows and words, loaded for the pure ``matchmaker.documents``."""
