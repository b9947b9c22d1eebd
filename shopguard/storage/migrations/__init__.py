"""Numbered migrations, one module each: mNNNN_name.py with `apply(db)`; never edit a landed one."""
