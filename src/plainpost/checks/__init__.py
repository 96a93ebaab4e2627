"""The check kinds, one module each (an ``Options`` dataclass and a pure ``check`` function from
a parsed post to hits), and the table of them: :mod:`plainpost.checks.kinds`. ``context`` is
what a check may read besides the post. The checks' toolkit is :mod:`plainpost.textmatch`.
"""
