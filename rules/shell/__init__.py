"""JC0xx: the file itself and the shell in it."""

from .missing_shebang import MissingShebang
from .relative_shebang import RelativeShebang
from .single_quoted_variable import SingleQuotedVariable

RULES = [MissingShebang, RelativeShebang, SingleQuotedVariable]
