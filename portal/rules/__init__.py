"""Pure domain rules: plain values in, plain values out.

Nothing in this package imports Flask, peewee or the web layer, so every
number the portal publishes can be tested with plain values.
"""
