"""Provincial-scale benchmark (`make bench`; not part of `make test` except a
small smoke run)."""
