"""Pages of the owner's window, one module each. A module may define `PAGE` (a PageSpec) to appear
as a tab, and `SCREENSHOTS` (name -> factory) for `shopguard screenshot NAME`."""
