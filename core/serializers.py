"""Django's JSON serialization (dumpdata, loaddata) with times kept to the microsecond: Django's
own encoder cuts them to the millisecond, so a history restored from a JSON backup would no
longer be the history backed up (and changes made in the same millisecond would lose their
order). Installed as the "json" format (settings.SERIALIZATION_MODULES); reading is Django's."""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(DjangoSerializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()
