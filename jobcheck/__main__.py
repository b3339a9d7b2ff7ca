from .cli.command import entry_point

entry_point()
