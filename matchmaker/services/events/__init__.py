"""Events: creating and listing them, their settings, industries and the overview figures."""
