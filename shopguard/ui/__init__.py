"""QtWidgets views: the owner's window, the kiosk, the door screen, their widgets and dialogs."""
