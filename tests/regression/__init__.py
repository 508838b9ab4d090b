"""The real-page regression set: pages, hand gold, the gold check and the scorer (README.md)."""
