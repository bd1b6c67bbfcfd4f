"""The illustrative demo data set and `manage.py seed_demo`."""
