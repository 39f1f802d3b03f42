"""Registration desk: search as you type, check in, walk-ins, badges."""
