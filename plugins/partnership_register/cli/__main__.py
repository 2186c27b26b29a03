"""`python -m partnership_register.cli`: the same as the `partnerships` command."""

from . import main

main()
