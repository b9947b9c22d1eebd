"""QAbstractTableModel subclasses shared by the views."""
