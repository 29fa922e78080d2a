"""Settings split by purpose: base, development (the default), production and test."""
