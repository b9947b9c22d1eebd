"""The customer kiosk: a locked-down, large-type, spoken self-checkout for elderly customers."""
