"""What every app's API shares: strict parameters, pagination, the error shape, conditional GETs."""
