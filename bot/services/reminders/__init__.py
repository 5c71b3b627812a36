"""The reminder engine: policy, slot planning, the ledger, the sweep and delivery."""
