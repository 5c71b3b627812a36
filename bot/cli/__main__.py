"""`python -m bot.cli` runs the `dondoc` command."""

from bot.cli.main import main

main()
