"""Loopback stand-ins for the platforms Attaché publishes to, on tests/feedserver.py.

Each implements the requests and answers its platform documents (endpoints, fields, error
objects, rate limits), keeps what was created, and records every request, so a test can say
"sent once" by counting what the platform holds. Nothing here reaches a real platform.
"""
