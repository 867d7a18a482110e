"""One module per page; each has ``add_routes(router, engine)``."""
