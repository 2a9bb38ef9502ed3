"""Whether a spec is valid against spec format v1: generated, do not edit.

Made by tools/gen_fast_validator.py from schemas/flowlint-v1.schema.json with fastjsonschema
2.22.3; a test regenerates it and fails when it is out of date.
`flowlint.schema.validate` uses `is_valid` to skip jsonschema for valid specs.
"""

# ruff: noqa
# fmt: off

SCHEMA_SHA256 = "12ed1457c0de418c9e4206cf4e7ffaf038c266c4eebf30066001fb8302b6ee31"


class _Invalid(ValueError):
    """Raised at the first thing that is not valid (the message would not be read)."""


def is_valid(data):
    """True when `data` is valid against the schema, False otherwise."""
    try:
        validate(data)
    except _Invalid:
        return False
    return True


VERSION = "2.22.3"
import re
JsonSchemaValueException = JsonSchemaValuesException = _Invalid


REGEX_PATTERNS = {
    '^x-': re.compile('^x-'),
    '^[a-z][a-z0-9]*(-[a-z0-9]+)*$': re.compile('^[a-z][a-z0-9]*(-[a-z0-9]+)*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise _Invalid
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['flowlint']) - data.keys()
        if data__missing_keys:
            raise _Invalid
        data_keys = set(data.keys())
        if "flowlint" in data_keys:
            data_keys.remove("flowlint")
            data__flowlint = data["flowlint"]
            if not (isinstance(data__flowlint, (int, float)) and not isinstance(data__flowlint, bool) and data__flowlint == 1):
                raise _Invalid
        if "service_line" in data_keys:
            data_keys.remove("service_line")
            data__serviceline = data["service_line"]
            if not isinstance(data__serviceline, (str)):
                raise _Invalid
        if "as_of" in data_keys:
            data_keys.remove("as_of")
            data__asof = data["as_of"]
            if not isinstance(data__asof, (str)):
                raise _Invalid
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise _Invalid
        if "services" in data_keys:
            data_keys.remove("services")
            data__services = data["services"]
            if not isinstance(data__services, (dict)):
                raise _Invalid
            data__services_is_dict = isinstance(data__services, dict)
            if data__services_is_dict:
                data__services_keys = set(data__services.keys())
                for data__services_key, data__services_val in data__services.items():
                    if REGEX_PATTERNS['^x-'].search(data__services_key):
                        if data__services_key in data__services_keys:
                            data__services_keys.remove(data__services_key)
                        pass
                for data__services_key in data__services_keys:
                    if data__services_key not in []:
                        data__services_value = data__services.get(data__services_key)
                        if not isinstance(data__services_value, (dict)):
                            raise _Invalid
                        data__services_value_is_dict = isinstance(data__services_value, dict)
                        if data__services_value_is_dict:
                            data__services_value__missing_keys = set(['name']) - data__services_value.keys()
                            if data__services_value__missing_keys:
                                raise _Invalid
                            data__services_value_keys = set(data__services_value.keys())
                            if "name" in data__services_value_keys:
                                data__services_value_keys.remove("name")
                                data__services_value__name = data__services_value["name"]
                                if not isinstance(data__services_value__name, (str)):
                                    raise _Invalid
                            if "kind" in data__services_value_keys:
                                data__services_value_keys.remove("kind")
                                data__services_value__kind = data__services_value["kind"]
                                if not (isinstance(data__services_value__kind, str) and data__services_value__kind == 'service' or isinstance(data__services_value__kind, str) and data__services_value__kind == 'third-party' or isinstance(data__services_value__kind, str) and data__services_value__kind == 'external'):
                                    raise _Invalid
                            if "group" in data__services_value_keys:
                                data__services_value_keys.remove("group")
                                data__services_value__group = data__services_value["group"]
                                if not isinstance(data__services_value__group, (str)):
                                    raise _Invalid
                            if "status" in data__services_value_keys:
                                data__services_value_keys.remove("status")
                                data__services_value__status = data__services_value["status"]
                                if not (isinstance(data__services_value__status, str) and data__services_value__status == 'live' or isinstance(data__services_value__status, str) and data__services_value__status == 'planned' or isinstance(data__services_value__status, str) and data__services_value__status == 'retired'):
                                    raise _Invalid
                            if "edits" in data__services_value_keys:
                                data__services_value_keys.remove("edits")
                                data__services_value__edits = data__services_value["edits"]
                                if not isinstance(data__services_value__edits, (list, tuple)):
                                    raise _Invalid
                                data__services_value__edits_is_list = isinstance(data__services_value__edits, (list, tuple))
                                if data__services_value__edits_is_list:
                                    data__services_value__edits_len = len(data__services_value__edits)
                                    for data__services_value__edits_x, data__services_value__edits_item in enumerate(data__services_value__edits):
                                        if not isinstance(data__services_value__edits_item, (str)):
                                            raise _Invalid
                                        if isinstance(data__services_value__edits_item, str):
                                            if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__services_value__edits_item):
                                                raise _Invalid
                            if "description" in data__services_value_keys:
                                data__services_value_keys.remove("description")
                                data__services_value__description = data__services_value["description"]
                                if not isinstance(data__services_value__description, (str)):
                                    raise _Invalid
                            for data__services_value_key, data__services_value_val in data__services_value.items():
                                if REGEX_PATTERNS['^x-'].search(data__services_value_key):
                                    if data__services_value_key in data__services_value_keys:
                                        data__services_value_keys.remove(data__services_value_key)
                                    pass
                            if data__services_value_keys:
                                raise _Invalid
                data__services_len = len(data__services)
                if data__services_len != 0:
                    data__services_property_names = True
                    for data__services_key in data__services:
                        try:
                            if not isinstance(data__services_key, (str)):
                                raise _Invalid
                            if isinstance(data__services_key, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__services_key):
                                    raise _Invalid
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__services_property_names = False
                    if not data__services_property_names:
                        raise _Invalid
        if "entities" in data_keys:
            data_keys.remove("entities")
            data__entities = data["entities"]
            if not isinstance(data__entities, (dict)):
                raise _Invalid
            data__entities_is_dict = isinstance(data__entities, dict)
            if data__entities_is_dict:
                data__entities_keys = set(data__entities.keys())
                for data__entities_key, data__entities_val in data__entities.items():
                    if REGEX_PATTERNS['^x-'].search(data__entities_key):
                        if data__entities_key in data__entities_keys:
                            data__entities_keys.remove(data__entities_key)
                        pass
                for data__entities_key in data__entities_keys:
                    if data__entities_key not in []:
                        data__entities_value = data__entities.get(data__entities_key)
                        if not isinstance(data__entities_value, (dict)):
                            raise _Invalid
                        data__entities_value_is_dict = isinstance(data__entities_value, dict)
                        if data__entities_value_is_dict:
                            data__entities_value_keys = set(data__entities_value.keys())
                            if "name" in data__entities_value_keys:
                                data__entities_value_keys.remove("name")
                                data__entities_value__name = data__entities_value["name"]
                                if not isinstance(data__entities_value__name, (str)):
                                    raise _Invalid
                            if "owner" in data__entities_value_keys:
                                data__entities_value_keys.remove("owner")
                                data__entities_value__owner = data__entities_value["owner"]
                                data__entities_value__owner_any_of_count1 = 0
                                if not data__entities_value__owner_any_of_count1:
                                    try:
                                        if not isinstance(data__entities_value__owner, (str)):
                                            raise _Invalid
                                        if isinstance(data__entities_value__owner, str):
                                            if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__entities_value__owner):
                                                raise _Invalid
                                        data__entities_value__owner_any_of_count1 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if not data__entities_value__owner_any_of_count1:
                                    try:
                                        if not isinstance(data__entities_value__owner, (list, tuple)):
                                            raise _Invalid
                                        data__entities_value__owner_is_list = isinstance(data__entities_value__owner, (list, tuple))
                                        if data__entities_value__owner_is_list:
                                            data__entities_value__owner_len = len(data__entities_value__owner)
                                            if data__entities_value__owner_len < 1:
                                                raise _Invalid
                                            for data__entities_value__owner_x, data__entities_value__owner_item in enumerate(data__entities_value__owner):
                                                if not isinstance(data__entities_value__owner_item, (str)):
                                                    raise _Invalid
                                                if isinstance(data__entities_value__owner_item, str):
                                                    if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__entities_value__owner_item):
                                                        raise _Invalid
                                        data__entities_value__owner_any_of_count1 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if not data__entities_value__owner_any_of_count1:
                                    raise _Invalid
                            if "personal_data" in data__entities_value_keys:
                                data__entities_value_keys.remove("personal_data")
                                data__entities_value__personaldata = data__entities_value["personal_data"]
                                if not isinstance(data__entities_value__personaldata, (bool)):
                                    raise _Invalid
                            if "status" in data__entities_value_keys:
                                data__entities_value_keys.remove("status")
                                data__entities_value__status = data__entities_value["status"]
                                if not (isinstance(data__entities_value__status, str) and data__entities_value__status == 'live' or isinstance(data__entities_value__status, str) and data__entities_value__status == 'planned' or isinstance(data__entities_value__status, str) and data__entities_value__status == 'retired'):
                                    raise _Invalid
                            if "relationships" in data__entities_value_keys:
                                data__entities_value_keys.remove("relationships")
                                data__entities_value__relationships = data__entities_value["relationships"]
                                if not isinstance(data__entities_value__relationships, (list, tuple)):
                                    raise _Invalid
                                data__entities_value__relationships_is_list = isinstance(data__entities_value__relationships, (list, tuple))
                                if data__entities_value__relationships_is_list:
                                    data__entities_value__relationships_len = len(data__entities_value__relationships)
                                    for data__entities_value__relationships_x, data__entities_value__relationships_item in enumerate(data__entities_value__relationships):
                                        if not isinstance(data__entities_value__relationships_item, (dict)):
                                            raise _Invalid
                                        data__entities_value__relationships_item_is_dict = isinstance(data__entities_value__relationships_item, dict)
                                        if data__entities_value__relationships_item_is_dict:
                                            data__entities_value__relationships_item__missing_keys = set(['name', 'to']) - data__entities_value__relationships_item.keys()
                                            if data__entities_value__relationships_item__missing_keys:
                                                raise _Invalid
                                            data__entities_value__relationships_item_keys = set(data__entities_value__relationships_item.keys())
                                            if "name" in data__entities_value__relationships_item_keys:
                                                data__entities_value__relationships_item_keys.remove("name")
                                                data__entities_value__relationships_item__name = data__entities_value__relationships_item["name"]
                                                if not isinstance(data__entities_value__relationships_item__name, (str)):
                                                    raise _Invalid
                                            if "to" in data__entities_value__relationships_item_keys:
                                                data__entities_value__relationships_item_keys.remove("to")
                                                data__entities_value__relationships_item__to = data__entities_value__relationships_item["to"]
                                                if not isinstance(data__entities_value__relationships_item__to, (str)):
                                                    raise _Invalid
                                                if isinstance(data__entities_value__relationships_item__to, str):
                                                    if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__entities_value__relationships_item__to):
                                                        raise _Invalid
                                            if "description" in data__entities_value__relationships_item_keys:
                                                data__entities_value__relationships_item_keys.remove("description")
                                                data__entities_value__relationships_item__description = data__entities_value__relationships_item["description"]
                                                if not isinstance(data__entities_value__relationships_item__description, (str)):
                                                    raise _Invalid
                                            for data__entities_value__relationships_item_key, data__entities_value__relationships_item_val in data__entities_value__relationships_item.items():
                                                if REGEX_PATTERNS['^x-'].search(data__entities_value__relationships_item_key):
                                                    if data__entities_value__relationships_item_key in data__entities_value__relationships_item_keys:
                                                        data__entities_value__relationships_item_keys.remove(data__entities_value__relationships_item_key)
                                                    pass
                                            if data__entities_value__relationships_item_keys:
                                                raise _Invalid
                            if "description" in data__entities_value_keys:
                                data__entities_value_keys.remove("description")
                                data__entities_value__description = data__entities_value["description"]
                                if not isinstance(data__entities_value__description, (str)):
                                    raise _Invalid
                            for data__entities_value_key, data__entities_value_val in data__entities_value.items():
                                if REGEX_PATTERNS['^x-'].search(data__entities_value_key):
                                    if data__entities_value_key in data__entities_value_keys:
                                        data__entities_value_keys.remove(data__entities_value_key)
                                    pass
                            if data__entities_value_keys:
                                raise _Invalid
                data__entities_len = len(data__entities)
                if data__entities_len != 0:
                    data__entities_property_names = True
                    for data__entities_key in data__entities:
                        try:
                            if not isinstance(data__entities_key, (str)):
                                raise _Invalid
                            if isinstance(data__entities_key, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__entities_key):
                                    raise _Invalid
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__entities_property_names = False
                    if not data__entities_property_names:
                        raise _Invalid
        if "relationships" in data_keys:
            data_keys.remove("relationships")
            data__relationships = data["relationships"]
            if not isinstance(data__relationships, (list, tuple)):
                raise _Invalid
            data__relationships_is_list = isinstance(data__relationships, (list, tuple))
            if data__relationships_is_list:
                data__relationships_len = len(data__relationships)
                for data__relationships_x, data__relationships_item in enumerate(data__relationships):
                    if not isinstance(data__relationships_item, (dict)):
                        raise _Invalid
                    data__relationships_item_is_dict = isinstance(data__relationships_item, dict)
                    if data__relationships_item_is_dict:
                        data__relationships_item__missing_keys = set(['name', 'from', 'to']) - data__relationships_item.keys()
                        if data__relationships_item__missing_keys:
                            raise _Invalid
                        data__relationships_item_keys = set(data__relationships_item.keys())
                        if "name" in data__relationships_item_keys:
                            data__relationships_item_keys.remove("name")
                            data__relationships_item__name = data__relationships_item["name"]
                            if not isinstance(data__relationships_item__name, (str)):
                                raise _Invalid
                        if "from" in data__relationships_item_keys:
                            data__relationships_item_keys.remove("from")
                            data__relationships_item__from = data__relationships_item["from"]
                            if not isinstance(data__relationships_item__from, (str)):
                                raise _Invalid
                            if isinstance(data__relationships_item__from, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__relationships_item__from):
                                    raise _Invalid
                        if "to" in data__relationships_item_keys:
                            data__relationships_item_keys.remove("to")
                            data__relationships_item__to = data__relationships_item["to"]
                            if not isinstance(data__relationships_item__to, (str)):
                                raise _Invalid
                            if isinstance(data__relationships_item__to, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__relationships_item__to):
                                    raise _Invalid
                        if "defined_by" in data__relationships_item_keys:
                            data__relationships_item_keys.remove("defined_by")
                            data__relationships_item__definedby = data__relationships_item["defined_by"]
                            data__relationships_item__definedby_any_of_count2 = 0
                            if not data__relationships_item__definedby_any_of_count2:
                                try:
                                    if not isinstance(data__relationships_item__definedby, (str)):
                                        raise _Invalid
                                    if isinstance(data__relationships_item__definedby, str):
                                        if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__relationships_item__definedby):
                                            raise _Invalid
                                    data__relationships_item__definedby_any_of_count2 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__relationships_item__definedby_any_of_count2:
                                try:
                                    if not isinstance(data__relationships_item__definedby, (list, tuple)):
                                        raise _Invalid
                                    data__relationships_item__definedby_is_list = isinstance(data__relationships_item__definedby, (list, tuple))
                                    if data__relationships_item__definedby_is_list:
                                        data__relationships_item__definedby_len = len(data__relationships_item__definedby)
                                        if data__relationships_item__definedby_len < 1:
                                            raise _Invalid
                                        for data__relationships_item__definedby_x, data__relationships_item__definedby_item in enumerate(data__relationships_item__definedby):
                                            if not isinstance(data__relationships_item__definedby_item, (str)):
                                                raise _Invalid
                                            if isinstance(data__relationships_item__definedby_item, str):
                                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__relationships_item__definedby_item):
                                                    raise _Invalid
                                    data__relationships_item__definedby_any_of_count2 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__relationships_item__definedby_any_of_count2:
                                raise _Invalid
                        if "description" in data__relationships_item_keys:
                            data__relationships_item_keys.remove("description")
                            data__relationships_item__description = data__relationships_item["description"]
                            if not isinstance(data__relationships_item__description, (str)):
                                raise _Invalid
                        for data__relationships_item_key, data__relationships_item_val in data__relationships_item.items():
                            if REGEX_PATTERNS['^x-'].search(data__relationships_item_key):
                                if data__relationships_item_key in data__relationships_item_keys:
                                    data__relationships_item_keys.remove(data__relationships_item_key)
                                pass
                        if data__relationships_item_keys:
                            raise _Invalid
        if "flows" in data_keys:
            data_keys.remove("flows")
            data__flows = data["flows"]
            if not isinstance(data__flows, (list, tuple)):
                raise _Invalid
            data__flows_is_list = isinstance(data__flows, (list, tuple))
            if data__flows_is_list:
                data__flows_len = len(data__flows)
                for data__flows_x, data__flows_item in enumerate(data__flows):
                    if not isinstance(data__flows_item, (dict)):
                        raise _Invalid
                    data__flows_item_is_dict = isinstance(data__flows_item, dict)
                    if data__flows_item_is_dict:
                        data__flows_item__missing_keys = set(['from', 'to', 'entities']) - data__flows_item.keys()
                        if data__flows_item__missing_keys:
                            raise _Invalid
                        data__flows_item_keys = set(data__flows_item.keys())
                        if "from" in data__flows_item_keys:
                            data__flows_item_keys.remove("from")
                            data__flows_item__from = data__flows_item["from"]
                            if not isinstance(data__flows_item__from, (str)):
                                raise _Invalid
                            if isinstance(data__flows_item__from, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__flows_item__from):
                                    raise _Invalid
                        if "to" in data__flows_item_keys:
                            data__flows_item_keys.remove("to")
                            data__flows_item__to = data__flows_item["to"]
                            if not isinstance(data__flows_item__to, (str)):
                                raise _Invalid
                            if isinstance(data__flows_item__to, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__flows_item__to):
                                    raise _Invalid
                        if "entities" in data__flows_item_keys:
                            data__flows_item_keys.remove("entities")
                            data__flows_item__entities = data__flows_item["entities"]
                            if not isinstance(data__flows_item__entities, (list, tuple)):
                                raise _Invalid
                            data__flows_item__entities_is_list = isinstance(data__flows_item__entities, (list, tuple))
                            if data__flows_item__entities_is_list:
                                data__flows_item__entities_len = len(data__flows_item__entities)
                                if data__flows_item__entities_len < 1:
                                    raise _Invalid
                                for data__flows_item__entities_x, data__flows_item__entities_item in enumerate(data__flows_item__entities):
                                    if not isinstance(data__flows_item__entities_item, (str)):
                                        raise _Invalid
                                    if isinstance(data__flows_item__entities_item, str):
                                        if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__flows_item__entities_item):
                                            raise _Invalid
                        if "via" in data__flows_item_keys:
                            data__flows_item_keys.remove("via")
                            data__flows_item__via = data__flows_item["via"]
                            if not (isinstance(data__flows_item__via, str) and data__flows_item__via == 'copy' or isinstance(data__flows_item__via, str) and data__flows_item__via == 'api' or isinstance(data__flows_item__via, str) and data__flows_item__via == 'file' or isinstance(data__flows_item__via, str) and data__flows_item__via == 'manual'):
                                raise _Invalid
                        if "api" in data__flows_item_keys:
                            data__flows_item_keys.remove("api")
                            data__flows_item__api = data__flows_item["api"]
                            if not isinstance(data__flows_item__api, (str)):
                                raise _Invalid
                            if isinstance(data__flows_item__api, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__flows_item__api):
                                    raise _Invalid
                        if "status" in data__flows_item_keys:
                            data__flows_item_keys.remove("status")
                            data__flows_item__status = data__flows_item["status"]
                            if not (isinstance(data__flows_item__status, str) and data__flows_item__status == 'live' or isinstance(data__flows_item__status, str) and data__flows_item__status == 'planned' or isinstance(data__flows_item__status, str) and data__flows_item__status == 'retired'):
                                raise _Invalid
                        if "purpose" in data__flows_item_keys:
                            data__flows_item_keys.remove("purpose")
                            data__flows_item__purpose = data__flows_item["purpose"]
                            if not isinstance(data__flows_item__purpose, (str)):
                                raise _Invalid
                        if "description" in data__flows_item_keys:
                            data__flows_item_keys.remove("description")
                            data__flows_item__description = data__flows_item["description"]
                            if not isinstance(data__flows_item__description, (str)):
                                raise _Invalid
                        for data__flows_item_key, data__flows_item_val in data__flows_item.items():
                            if REGEX_PATTERNS['^x-'].search(data__flows_item_key):
                                if data__flows_item_key in data__flows_item_keys:
                                    data__flows_item_keys.remove(data__flows_item_key)
                                pass
                        if data__flows_item_keys:
                            raise _Invalid
                    try:
                        data__flows_item_is_dict = isinstance(data__flows_item, dict)
                        if data__flows_item_is_dict:
                            data__flows_item__missing_keys = set(['via']) - data__flows_item.keys()
                            if data__flows_item__missing_keys:
                                raise _Invalid
                            data__flows_item_keys = set(data__flows_item.keys())
                            if "via" in data__flows_item_keys:
                                data__flows_item_keys.remove("via")
                                data__flows_item__via = data__flows_item["via"]
                                if not (isinstance(data__flows_item__via, str) and data__flows_item__via == 'api'):
                                    raise _Invalid
                    except (JsonSchemaValueException, JsonSchemaValuesException):
                        try:
                            data__flows_item_is_dict = isinstance(data__flows_item, dict)
                            if data__flows_item_is_dict:
                                data__flows_item_keys = set(data__flows_item.keys())
                                if "via" in data__flows_item_keys:
                                    data__flows_item_keys.remove("via")
                                    data__flows_item__via = data__flows_item["via"]
                                    if not (isinstance(data__flows_item__via, str) and data__flows_item__via == 'copy' or isinstance(data__flows_item__via, str) and data__flows_item__via == 'file' or isinstance(data__flows_item__via, str) and data__flows_item__via == 'manual'):
                                        raise _Invalid
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            pass
                        else:
                            try:
                                data__flows_item_is_dict = isinstance(data__flows_item, dict)
                                if data__flows_item_is_dict:
                                    data__flows_item__missing_keys = set(['api']) - data__flows_item.keys()
                                    if data__flows_item__missing_keys:
                                        raise _Invalid
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            else:
                                raise _Invalid
                    else:
                        data__flows_item_is_dict = isinstance(data__flows_item, dict)
                        if data__flows_item_is_dict:
                            data__flows_item__missing_keys = set(['api']) - data__flows_item.keys()
                            if data__flows_item__missing_keys:
                                raise _Invalid
        if "apis" in data_keys:
            data_keys.remove("apis")
            data__apis = data["apis"]
            if not isinstance(data__apis, (dict)):
                raise _Invalid
            data__apis_is_dict = isinstance(data__apis, dict)
            if data__apis_is_dict:
                data__apis_keys = set(data__apis.keys())
                for data__apis_key, data__apis_val in data__apis.items():
                    if REGEX_PATTERNS['^x-'].search(data__apis_key):
                        if data__apis_key in data__apis_keys:
                            data__apis_keys.remove(data__apis_key)
                        pass
                for data__apis_key in data__apis_keys:
                    if data__apis_key not in []:
                        data__apis_value = data__apis.get(data__apis_key)
                        if not isinstance(data__apis_value, (dict)):
                            raise _Invalid
                        data__apis_value_is_dict = isinstance(data__apis_value, dict)
                        if data__apis_value_is_dict:
                            data__apis_value__missing_keys = set(['name']) - data__apis_value.keys()
                            if data__apis_value__missing_keys:
                                raise _Invalid
                            data__apis_value_keys = set(data__apis_value.keys())
                            if "name" in data__apis_value_keys:
                                data__apis_value_keys.remove("name")
                                data__apis_value__name = data__apis_value["name"]
                                if not isinstance(data__apis_value__name, (str)):
                                    raise _Invalid
                            if "service" in data__apis_value_keys:
                                data__apis_value_keys.remove("service")
                                data__apis_value__service = data__apis_value["service"]
                                if not isinstance(data__apis_value__service, (str)):
                                    raise _Invalid
                                if isinstance(data__apis_value__service, str):
                                    if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__apis_value__service):
                                        raise _Invalid
                            if "access" in data__apis_value_keys:
                                data__apis_value_keys.remove("access")
                                data__apis_value__access = data__apis_value["access"]
                                if not (isinstance(data__apis_value__access, str) and data__apis_value__access == 'read' or isinstance(data__apis_value__access, str) and data__apis_value__access == 'write' or isinstance(data__apis_value__access, str) and data__apis_value__access == 'read-write'):
                                    raise _Invalid
                            if "visibility" in data__apis_value_keys:
                                data__apis_value_keys.remove("visibility")
                                data__apis_value__visibility = data__apis_value["visibility"]
                                if not (isinstance(data__apis_value__visibility, str) and data__apis_value__visibility == 'public' or isinstance(data__apis_value__visibility, str) and data__apis_value__visibility == 'private'):
                                    raise _Invalid
                            if "status" in data__apis_value_keys:
                                data__apis_value_keys.remove("status")
                                data__apis_value__status = data__apis_value["status"]
                                if not (isinstance(data__apis_value__status, str) and data__apis_value__status == 'live' or isinstance(data__apis_value__status, str) and data__apis_value__status == 'in-development' or isinstance(data__apis_value__status, str) and data__apis_value__status == 'planned' or isinstance(data__apis_value__status, str) and data__apis_value__status == 'retired'):
                                    raise _Invalid
                            if "docs" in data__apis_value_keys:
                                data__apis_value_keys.remove("docs")
                                data__apis_value__docs = data__apis_value["docs"]
                                if not isinstance(data__apis_value__docs, (str)):
                                    raise _Invalid
                            if "entities" in data__apis_value_keys:
                                data__apis_value_keys.remove("entities")
                                data__apis_value__entities = data__apis_value["entities"]
                                if not isinstance(data__apis_value__entities, (list, tuple)):
                                    raise _Invalid
                                data__apis_value__entities_is_list = isinstance(data__apis_value__entities, (list, tuple))
                                if data__apis_value__entities_is_list:
                                    data__apis_value__entities_len = len(data__apis_value__entities)
                                    for data__apis_value__entities_x, data__apis_value__entities_item in enumerate(data__apis_value__entities):
                                        if not isinstance(data__apis_value__entities_item, (str)):
                                            raise _Invalid
                                        if isinstance(data__apis_value__entities_item, str):
                                            if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__apis_value__entities_item):
                                                raise _Invalid
                            if "description" in data__apis_value_keys:
                                data__apis_value_keys.remove("description")
                                data__apis_value__description = data__apis_value["description"]
                                if not isinstance(data__apis_value__description, (str)):
                                    raise _Invalid
                            for data__apis_value_key, data__apis_value_val in data__apis_value.items():
                                if REGEX_PATTERNS['^x-'].search(data__apis_value_key):
                                    if data__apis_value_key in data__apis_value_keys:
                                        data__apis_value_keys.remove(data__apis_value_key)
                                    pass
                            if data__apis_value_keys:
                                raise _Invalid
                data__apis_len = len(data__apis)
                if data__apis_len != 0:
                    data__apis_property_names = True
                    for data__apis_key in data__apis:
                        try:
                            if not isinstance(data__apis_key, (str)):
                                raise _Invalid
                            if isinstance(data__apis_key, str):
                                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(-[a-z0-9]+)*$'].search(data__apis_key):
                                    raise _Invalid
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__apis_property_names = False
                    if not data__apis_property_names:
                        raise _Invalid
        for data_key, data_val in data.items():
            if REGEX_PATTERNS['^x-'].search(data_key):
                if data_key in data_keys:
                    data_keys.remove(data_key)
                pass
        if data_keys:
            raise _Invalid
    return data
