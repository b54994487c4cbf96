"""The planning workspace's part of the demo festival (a demo extension of the
core's `load_demo`): partner proposals in every state, the plenary's ideas and two
programme releases. Idempotent; each part says how many objects it created."""

from events.models import Festival
from planning.demo.ideas import demo_ideas
from planning.demo.proposals import demo_proposals
from planning.demo.releases import demo_releases


def demo_planning(festival: Festival) -> int:
    # Releases last: they record the programme that proposals and ideas made.
    return demo_proposals(festival) + demo_ideas(festival) + demo_releases(festival)
