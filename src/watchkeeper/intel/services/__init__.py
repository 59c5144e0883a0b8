"""State changes of the intelligence app; each service is one transaction with its audit entry."""
