"""`python -m kkaudio`: the command line."""

from .cli import main

main()
