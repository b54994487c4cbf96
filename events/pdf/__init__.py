"""The PDF toolkit every printed document builds on: the shipped typeface
(`fonts`) and the shared layout (`layout`: styles, tables, page furniture, a doc
template that embeds its fonts and says its language).

It lives in the core, like the iCalendar building blocks in `events/ics.py`,
because apps on every layer print: the `printing` app its booklet, posters and
lists, the sub-event modules their certificates, letters and site plans — and a
sub-event module builds on the core only.
"""
