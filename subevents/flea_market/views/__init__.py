"""Pages of the market module: public (market, seller's page) and organisers'."""
