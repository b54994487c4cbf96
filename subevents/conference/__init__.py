"""The Bildungskonferenz: tracks, sessions, speakers, the call for proposals
and its review, personal conference plans."""
