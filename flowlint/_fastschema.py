"""Whether a spec is valid against spec format v1: generated, do not edit.

Made by tools/gen_fast_validator.py from schemas/flowlint-v1.schema.json; a test regenerates it
and fails when it is out of date. `flowlint.schema.validate` uses `is_valid` to skip jsonschema
for valid specs; each check has the meaning jsonschema gives its keyword under draft 2020-12.
"""

# ruff: noqa
# fmt: off

import re

SCHEMA_SHA256 = "4a6086ccc279466115eea8814ae9ed161909477a1da8330f3c1334b99ec6e43b"

_REQUIRED0 = frozenset(('flowlint',))
_NUMBERS1 = frozenset((1, 1.1))
_SEARCH2 = re.compile('^x-').search
_SEARCH3 = re.compile('^[a-z][a-z0-9]*(-[a-z0-9]+)*$').search
_REQUIRED4 = frozenset(('name',))
_ENUM5 = frozenset(('external', 'service', 'third-party'))
_ENUM6 = frozenset(('live', 'planned', 'retired'))
_REQUIRED7 = frozenset(('service',))
_SEARCH8 = re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$').search
_REQUIRED9 = frozenset(('name', 'to'))
_REQUIRED10 = frozenset(('from', 'name', 'to'))
_REQUIRED11 = frozenset(('entities', 'from', 'to'))
_ENUM12 = frozenset(('api', 'copy', 'event', 'file', 'manual'))
_ENUM13 = frozenset(('create', 'delete', 'update'))
_ENUM14 = frozenset(('best-effort', 'guaranteed'))
_REQUIRED15 = frozenset(('api',))
_ENUM16 = frozenset(('copy', 'event', 'file', 'manual'))
_REQUIRED17 = frozenset(('via',))
_ENUM18 = frozenset(('read', 'read-write', 'write'))
_ENUM19 = frozenset(('private', 'public'))
_ENUM20 = frozenset(('in-development', 'live', 'planned', 'retired'))


def is_valid(data):
    """True when `data` is valid against the schema, False otherwise."""
    if not (isinstance(data, dict)):
        return False
    if not _REQUIRED0 <= data.keys():
        return False
    for key1, item2 in data.items():
        if key1 == 'flowlint':
            if not (((isinstance(item2, (int, float)) and not isinstance(item2, bool)) and item2 in _NUMBERS1)):
                return False
        elif key1 == 'service_line':
            if not (isinstance(item2, str)):
                return False
        elif key1 == 'as_of':
            if not (isinstance(item2, str)):
                return False
        elif key1 == 'description':
            if not (isinstance(item2, str)):
                return False
        elif key1 == 'services':
            if not (isinstance(item2, dict)):
                return False
            for key3, item4 in item2.items():
                if not (isinstance(key3, str)):
                    return False
                if not _SEARCH3(key3):
                    return False
                if not (_SEARCH2(key3)):
                    if not (isinstance(item4, dict)):
                        return False
                    if not _REQUIRED4 <= item4.keys():
                        return False
                    for key5, item6 in item4.items():
                        if key5 == 'name':
                            if not (isinstance(item6, str)):
                                return False
                        elif key5 == 'kind':
                            if not ((isinstance(item6, str) and item6 in _ENUM5)):
                                return False
                        elif key5 == 'group':
                            if not (isinstance(item6, str)):
                                return False
                        elif key5 == 'status':
                            if not ((isinstance(item6, str) and item6 in _ENUM6)):
                                return False
                        elif key5 == 'edits':
                            if not (isinstance(item6, list)):
                                return False
                            for element7 in item6:
                                if not (isinstance(element7, str)):
                                    return False
                                if not _SEARCH3(element7):
                                    return False
                        elif key5 == 'distributes':
                            if not (isinstance(item6, list)):
                                return False
                            for element8 in item6:
                                if not (isinstance(element8, str)):
                                    return False
                                if not _SEARCH3(element8):
                                    return False
                        elif key5 == 'creates':
                            if not (isinstance(item6, list)):
                                return False
                            for element9 in item6:
                                if not (isinstance(element9, str)):
                                    return False
                                if not _SEARCH3(element9):
                                    return False
                        elif key5 == 'description':
                            if not (isinstance(item6, str)):
                                return False
                        else:
                            if not (_SEARCH2(key5)):
                                return False
        elif key1 == 'entities':
            if not (isinstance(item2, dict)):
                return False
            for key10, item11 in item2.items():
                if not (isinstance(key10, str)):
                    return False
                if not _SEARCH3(key10):
                    return False
                if not (_SEARCH2(key10)):
                    if not (isinstance(item11, dict)):
                        return False
                    for key12, item13 in item11.items():
                        if key12 == 'name':
                            if not (isinstance(item13, str)):
                                return False
                        elif key12 == 'owner':
                            if not (_valid_0(item13) or _valid_1(item13) or _valid_2(item13)):
                                return False
                        elif key12 == 'personal_data':
                            if not (isinstance(item13, bool)):
                                return False
                        elif key12 == 'status':
                            if not ((isinstance(item13, str) and item13 in _ENUM6)):
                                return False
                        elif key12 == 'derived_from':
                            if not (isinstance(item13, list)):
                                return False
                            for element18 in item13:
                                if not (isinstance(element18, str)):
                                    return False
                                if not _SEARCH3(element18):
                                    return False
                        elif key12 == 'relationships':
                            if not (isinstance(item13, list)):
                                return False
                            for element19 in item13:
                                if not (isinstance(element19, dict)):
                                    return False
                                if not _REQUIRED9 <= element19.keys():
                                    return False
                                for key20, item21 in element19.items():
                                    if key20 == 'name':
                                        if not (isinstance(item21, str)):
                                            return False
                                    elif key20 == 'to':
                                        if not (isinstance(item21, str)):
                                            return False
                                        if not _SEARCH3(item21):
                                            return False
                                    elif key20 == 'description':
                                        if not (isinstance(item21, str)):
                                            return False
                                    else:
                                        if not (_SEARCH2(key20)):
                                            return False
                        elif key12 == 'description':
                            if not (isinstance(item13, str)):
                                return False
                        else:
                            if not (_SEARCH2(key12)):
                                return False
        elif key1 == 'relationships':
            if not (isinstance(item2, list)):
                return False
            for element22 in item2:
                if not (isinstance(element22, dict)):
                    return False
                if not _REQUIRED10 <= element22.keys():
                    return False
                for key23, item24 in element22.items():
                    if key23 == 'name':
                        if not (isinstance(item24, str)):
                            return False
                    elif key23 == 'from':
                        if not (isinstance(item24, str)):
                            return False
                        if not _SEARCH3(item24):
                            return False
                    elif key23 == 'to':
                        if not (isinstance(item24, str)):
                            return False
                        if not _SEARCH3(item24):
                            return False
                    elif key23 == 'defined_by':
                        if not (_valid_0(item24) or _valid_1(item24)):
                            return False
                    elif key23 == 'stored_in':
                        if not (isinstance(item24, str)):
                            return False
                        if not _SEARCH3(item24):
                            return False
                    elif key23 == 'description':
                        if not (isinstance(item24, str)):
                            return False
                    else:
                        if not (_SEARCH2(key23)):
                            return False
        elif key1 == 'flows':
            if not (isinstance(item2, list)):
                return False
            for element25 in item2:
                if not (isinstance(element25, dict)):
                    return False
                if not _REQUIRED11 <= element25.keys():
                    return False
                for key26, item27 in element25.items():
                    if key26 == 'from':
                        if not (isinstance(item27, str)):
                            return False
                        if not _SEARCH3(item27):
                            return False
                    elif key26 == 'to':
                        if not (isinstance(item27, str)):
                            return False
                        if not _SEARCH3(item27):
                            return False
                    elif key26 == 'entities':
                        if not (isinstance(item27, list)):
                            return False
                        if len(item27) < 1:
                            return False
                        for element28 in item27:
                            if not (isinstance(element28, str)):
                                return False
                            if not _SEARCH3(element28):
                                return False
                    elif key26 == 'via':
                        if not ((isinstance(item27, str) and item27 in _ENUM12)):
                            return False
                    elif key26 == 'api':
                        if not (isinstance(item27, str)):
                            return False
                        if not _SEARCH3(item27):
                            return False
                    elif key26 == 'status':
                        if not ((isinstance(item27, str) and item27 in _ENUM6)):
                            return False
                    elif key26 == 'purpose':
                        if not (isinstance(item27, str)):
                            return False
                    elif key26 == 'operations':
                        if not (isinstance(item27, list)):
                            return False
                        if len(item27) < 1:
                            return False
                        for element29 in item27:
                            if not ((isinstance(element29, str) and element29 in _ENUM13)):
                                return False
                    elif key26 == 'delivery':
                        if not ((isinstance(item27, str) and item27 in _ENUM14)):
                            return False
                    elif key26 == 'reconciliation':
                        if not (isinstance(item27, str)):
                            return False
                    elif key26 == 'frequency':
                        if not (isinstance(item27, str)):
                            return False
                    elif key26 == 'until':
                        if not (isinstance(item27, str)):
                            return False
                        if not _SEARCH8(item27):
                            return False
                    elif key26 == 'stores':
                        if not (isinstance(item27, bool)):
                            return False
                    elif key26 == 'description':
                        if not (isinstance(item27, str)):
                            return False
                    else:
                        if not (_SEARCH2(key26)):
                            return False
                if _valid_5(element25):
                    if isinstance(element25, dict):
                        if not _REQUIRED15 <= element25.keys():
                            return False
                else:
                    if _valid_4(element25):
                        if _valid_3(element25):
                            return False
        elif key1 == 'apis':
            if not (isinstance(item2, dict)):
                return False
            for key32, item33 in item2.items():
                if not (isinstance(key32, str)):
                    return False
                if not _SEARCH3(key32):
                    return False
                if not (_SEARCH2(key32)):
                    if not (isinstance(item33, dict)):
                        return False
                    if not _REQUIRED4 <= item33.keys():
                        return False
                    for key34, item35 in item33.items():
                        if key34 == 'name':
                            if not (isinstance(item35, str)):
                                return False
                        elif key34 == 'service':
                            if not (isinstance(item35, str)):
                                return False
                            if not _SEARCH3(item35):
                                return False
                        elif key34 == 'access':
                            if not ((isinstance(item35, str) and item35 in _ENUM18)):
                                return False
                        elif key34 == 'visibility':
                            if not ((isinstance(item35, str) and item35 in _ENUM19)):
                                return False
                        elif key34 == 'status':
                            if not ((isinstance(item35, str) and item35 in _ENUM20)):
                                return False
                        elif key34 == 'docs':
                            if not (isinstance(item35, str)):
                                return False
                        elif key34 == 'entities':
                            if not (isinstance(item35, list)):
                                return False
                            for element36 in item35:
                                if not (isinstance(element36, str)):
                                    return False
                                if not _SEARCH3(element36):
                                    return False
                        elif key34 == 'description':
                            if not (isinstance(item35, str)):
                                return False
                        else:
                            if not (_SEARCH2(key34)):
                                return False
        elif key1 == 'groups':
            if not (isinstance(item2, dict)):
                return False
            for key37, item38 in item2.items():
                if not (_SEARCH2(key37)):
                    if not (isinstance(item38, dict)):
                        return False
                    for key39, item40 in item38.items():
                        if key39 == 'name':
                            if not (isinstance(item40, str)):
                                return False
                        elif key39 == 'description':
                            if not (isinstance(item40, str)):
                                return False
                        else:
                            if not (_SEARCH2(key39)):
                                return False
        else:
            if not (_SEARCH2(key1)):
                return False
    return True


def _valid_0(value):
    if not (isinstance(value, str)):
        return False
    if not _SEARCH3(value):
        return False
    return True


def _valid_1(value):
    if not (isinstance(value, list)):
        return False
    if len(value) < 1:
        return False
    for element14 in value:
        if not (isinstance(element14, str)):
            return False
        if not _SEARCH3(element14):
            return False
    return True


def _valid_2(value):
    if not (isinstance(value, list)):
        return False
    if len(value) < 1:
        return False
    for element15 in value:
        if not (isinstance(element15, dict)):
            return False
        if not _REQUIRED7 <= element15.keys():
            return False
        for key16, item17 in element15.items():
            if key16 == 'service':
                if not (isinstance(item17, str)):
                    return False
                if not _SEARCH3(item17):
                    return False
            elif key16 == 'scope':
                if not (isinstance(item17, str)):
                    return False
            elif key16 == 'until':
                if not (isinstance(item17, str)):
                    return False
                if not _SEARCH8(item17):
                    return False
            elif key16 == 'description':
                if not (isinstance(item17, str)):
                    return False
            else:
                if not (_SEARCH2(key16)):
                    return False
    return True


def _valid_3(value):
    if isinstance(value, dict):
        if not _REQUIRED15 <= value.keys():
            return False
    return True


def _valid_4(value):
    if isinstance(value, dict):
        if 'via' in value:
            item30 = value['via']
            if not ((isinstance(item30, str) and item30 in _ENUM16)):
                return False
    return True


def _valid_5(value):
    if isinstance(value, dict):
        if not _REQUIRED17 <= value.keys():
            return False
        if 'via' in value:
            item31 = value['via']
            if not (isinstance(item31, str) and item31 == 'api'):
                return False
    return True
