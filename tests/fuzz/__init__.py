"""Issue 15's proof: hostile and broken archive pages never crash, hang or lose a file."""
