"""The Kinowoche: films, FSK ratings, screenings."""
