"""JC0xx: the file itself and the shell in it."""

from .bare_word_variable import BareWordVariable
from .body_placeholder import BodyPlaceholder
from .conda_activate_without_init import CondaActivateWithoutInit
from .late_shebang import LateShebang
from .missing_shebang import MissingShebang
from .no_errexit import NoErrexit
from .relative_shebang import RelativeShebang
from .rm_rf_empty_variable import RmRfEmptyVariable
from .single_quoted_variable import SingleQuotedVariable
from .submit_time_expansion import SubmitTimeExpansion
from .unchecked_cd import UncheckedCd

RULES = [
    MissingShebang,
    RelativeShebang,
    SingleQuotedVariable,
    UncheckedCd,
    NoErrexit,
    SubmitTimeExpansion,
    RmRfEmptyVariable,
    CondaActivateWithoutInit,
    BareWordVariable,
    LateShebang,
    BodyPlaceholder,
]
