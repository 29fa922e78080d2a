"""Each domain's sheets: the columns of its models (base.py holds the rules they share)."""
