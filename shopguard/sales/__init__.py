"""Sales without Qt: catalogue, cart, payments, receipts, refunds, daily close."""
