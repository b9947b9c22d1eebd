"""ShopGuard: on-premises AI CCTV, QR entry, sales and kiosk for unmanned shops."""

__version__ = "0.1.0"
