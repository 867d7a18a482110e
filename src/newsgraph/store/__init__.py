"""The knowledge base: analyses stored in SQLite or PostgreSQL, one entity
across articles, syndicated copies grouped into stories, full-text search,
queries and exports."""
