"""publish serve: a local web library over an archive folder."""
