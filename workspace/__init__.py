"""The staff workspace: its URL map and the pages that gather several apps' records."""
