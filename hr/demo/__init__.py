"""Demo and benchmark data. Not used by the product itself: ``seed_demo`` builds the
Northwind demo with it, the bench and the query-count tests build large organisations."""
