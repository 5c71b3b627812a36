"""Chat platforms behind one small port."""
