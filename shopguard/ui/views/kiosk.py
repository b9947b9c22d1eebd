"""Screenshots of the customer kiosk (`shopguard screenshot kiosk-cart --size 1920x1080 --out x.png`).
The kiosk is its own window (`shopguard kiosk`), not a tab of the owner's window."""

from shopguard.ui.kiosk.demo import SCREENSHOTS

__all__ = ["SCREENSHOTS"]
