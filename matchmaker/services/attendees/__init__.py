"""What happens to attendees: signing up, their own changes by private link, what
organisers do with them, imports and exports, requests, feedback and their data rights."""
