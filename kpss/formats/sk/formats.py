# Slovak formats as Slovak offices write them (STN 01 6910), the same as the Czech: "6. 12. 2021".
from kpss.formats.cs.formats import *  # noqa: F403
