"""Developer tools run by make targets (DAISY Ace) and, where installed, by tests."""
