"""Whether a spec is valid against spec format v1: generated, do not edit.

Made by tools/gen_fast_validator.py from schemas/flowlint-v1.schema.json; a test regenerates it
and fails when it is out of date. `flowlint.schema.validate` uses `is_valid` to skip jsonschema
for valid specs; each check has the meaning jsonschema gives its keyword under draft 2020-12.
"""

# ruff: noqa
# fmt: off

import re

SCHEMA_SHA256 = "74f3a0e6f57bf4a95c1deaed415a0f0f0b6ba0c0449ff9eb342c5799c08bf674"

_REQUIRED0 = frozenset(('flowlint',))
_SEARCH1 = re.compile('^x-').search
_SEARCH2 = re.compile('^[a-z][a-z0-9]*(-[a-z0-9]+)*$').search
_REQUIRED3 = frozenset(('name',))
_ENUM4 = frozenset(('external', 'service', 'third-party'))
_ENUM5 = frozenset(('live', 'planned', 'retired'))
_REQUIRED6 = frozenset(('name', 'to'))
_REQUIRED7 = frozenset(('from', 'name', 'to'))
_REQUIRED8 = frozenset(('entities', 'from', 'to'))
_ENUM9 = frozenset(('api', 'copy', 'file', 'manual'))
_REQUIRED10 = frozenset(('api',))
_ENUM11 = frozenset(('copy', 'file', 'manual'))
_REQUIRED12 = frozenset(('via',))
_ENUM13 = frozenset(('read', 'read-write', 'write'))
_ENUM14 = frozenset(('private', 'public'))
_ENUM15 = frozenset(('in-development', 'live', 'planned', 'retired'))


def is_valid(data):
    """True when `data` is valid against the schema, False otherwise."""
    if not (isinstance(data, dict)):
        return False
    if not _REQUIRED0 <= data.keys():
        return False
    for key1, item2 in data.items():
        if key1 == 'flowlint':
            if not ((isinstance(item2, (int, float)) and not isinstance(item2, bool)) and item2 == 1):
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
                if not _SEARCH2(key3):
                    return False
                if not (_SEARCH1(key3)):
                    if not (isinstance(item4, dict)):
                        return False
                    if not _REQUIRED3 <= item4.keys():
                        return False
                    for key5, item6 in item4.items():
                        if key5 == 'name':
                            if not (isinstance(item6, str)):
                                return False
                        elif key5 == 'kind':
                            if not (isinstance(item6, str) and item6 in _ENUM4):
                                return False
                        elif key5 == 'group':
                            if not (isinstance(item6, str)):
                                return False
                        elif key5 == 'status':
                            if not (isinstance(item6, str) and item6 in _ENUM5):
                                return False
                        elif key5 == 'edits':
                            if not (isinstance(item6, list)):
                                return False
                            for element7 in item6:
                                if not (isinstance(element7, str)):
                                    return False
                                if not _SEARCH2(element7):
                                    return False
                        elif key5 == 'description':
                            if not (isinstance(item6, str)):
                                return False
                        else:
                            if not (_SEARCH1(key5)):
                                return False
        elif key1 == 'entities':
            if not (isinstance(item2, dict)):
                return False
            for key8, item9 in item2.items():
                if not (isinstance(key8, str)):
                    return False
                if not _SEARCH2(key8):
                    return False
                if not (_SEARCH1(key8)):
                    if not (isinstance(item9, dict)):
                        return False
                    for key10, item11 in item9.items():
                        if key10 == 'name':
                            if not (isinstance(item11, str)):
                                return False
                        elif key10 == 'owner':
                            if not (_valid_0(item11) or _valid_1(item11)):
                                return False
                        elif key10 == 'personal_data':
                            if not (isinstance(item11, bool)):
                                return False
                        elif key10 == 'status':
                            if not (isinstance(item11, str) and item11 in _ENUM5):
                                return False
                        elif key10 == 'relationships':
                            if not (isinstance(item11, list)):
                                return False
                            for element13 in item11:
                                if not (isinstance(element13, dict)):
                                    return False
                                if not _REQUIRED6 <= element13.keys():
                                    return False
                                for key14, item15 in element13.items():
                                    if key14 == 'name':
                                        if not (isinstance(item15, str)):
                                            return False
                                    elif key14 == 'to':
                                        if not (isinstance(item15, str)):
                                            return False
                                        if not _SEARCH2(item15):
                                            return False
                                    elif key14 == 'description':
                                        if not (isinstance(item15, str)):
                                            return False
                                    else:
                                        if not (_SEARCH1(key14)):
                                            return False
                        elif key10 == 'description':
                            if not (isinstance(item11, str)):
                                return False
                        else:
                            if not (_SEARCH1(key10)):
                                return False
        elif key1 == 'relationships':
            if not (isinstance(item2, list)):
                return False
            for element16 in item2:
                if not (isinstance(element16, dict)):
                    return False
                if not _REQUIRED7 <= element16.keys():
                    return False
                for key17, item18 in element16.items():
                    if key17 == 'name':
                        if not (isinstance(item18, str)):
                            return False
                    elif key17 == 'from':
                        if not (isinstance(item18, str)):
                            return False
                        if not _SEARCH2(item18):
                            return False
                    elif key17 == 'to':
                        if not (isinstance(item18, str)):
                            return False
                        if not _SEARCH2(item18):
                            return False
                    elif key17 == 'defined_by':
                        if not (_valid_0(item18) or _valid_1(item18)):
                            return False
                    elif key17 == 'description':
                        if not (isinstance(item18, str)):
                            return False
                    else:
                        if not (_SEARCH1(key17)):
                            return False
        elif key1 == 'flows':
            if not (isinstance(item2, list)):
                return False
            for element19 in item2:
                if not (isinstance(element19, dict)):
                    return False
                if not _REQUIRED8 <= element19.keys():
                    return False
                for key20, item21 in element19.items():
                    if key20 == 'from':
                        if not (isinstance(item21, str)):
                            return False
                        if not _SEARCH2(item21):
                            return False
                    elif key20 == 'to':
                        if not (isinstance(item21, str)):
                            return False
                        if not _SEARCH2(item21):
                            return False
                    elif key20 == 'entities':
                        if not (isinstance(item21, list)):
                            return False
                        if len(item21) < 1:
                            return False
                        for element22 in item21:
                            if not (isinstance(element22, str)):
                                return False
                            if not _SEARCH2(element22):
                                return False
                    elif key20 == 'via':
                        if not (isinstance(item21, str) and item21 in _ENUM9):
                            return False
                    elif key20 == 'api':
                        if not (isinstance(item21, str)):
                            return False
                        if not _SEARCH2(item21):
                            return False
                    elif key20 == 'status':
                        if not (isinstance(item21, str) and item21 in _ENUM5):
                            return False
                    elif key20 == 'purpose':
                        if not (isinstance(item21, str)):
                            return False
                    elif key20 == 'description':
                        if not (isinstance(item21, str)):
                            return False
                    else:
                        if not (_SEARCH1(key20)):
                            return False
                if _valid_4(element19):
                    if isinstance(element19, dict):
                        if not _REQUIRED10 <= element19.keys():
                            return False
                else:
                    if _valid_3(element19):
                        if _valid_2(element19):
                            return False
        elif key1 == 'apis':
            if not (isinstance(item2, dict)):
                return False
            for key25, item26 in item2.items():
                if not (isinstance(key25, str)):
                    return False
                if not _SEARCH2(key25):
                    return False
                if not (_SEARCH1(key25)):
                    if not (isinstance(item26, dict)):
                        return False
                    if not _REQUIRED3 <= item26.keys():
                        return False
                    for key27, item28 in item26.items():
                        if key27 == 'name':
                            if not (isinstance(item28, str)):
                                return False
                        elif key27 == 'service':
                            if not (isinstance(item28, str)):
                                return False
                            if not _SEARCH2(item28):
                                return False
                        elif key27 == 'access':
                            if not (isinstance(item28, str) and item28 in _ENUM13):
                                return False
                        elif key27 == 'visibility':
                            if not (isinstance(item28, str) and item28 in _ENUM14):
                                return False
                        elif key27 == 'status':
                            if not (isinstance(item28, str) and item28 in _ENUM15):
                                return False
                        elif key27 == 'docs':
                            if not (isinstance(item28, str)):
                                return False
                        elif key27 == 'entities':
                            if not (isinstance(item28, list)):
                                return False
                            for element29 in item28:
                                if not (isinstance(element29, str)):
                                    return False
                                if not _SEARCH2(element29):
                                    return False
                        elif key27 == 'description':
                            if not (isinstance(item28, str)):
                                return False
                        else:
                            if not (_SEARCH1(key27)):
                                return False
        else:
            if not (_SEARCH1(key1)):
                return False
    return True


def _valid_0(value):
    if not (isinstance(value, str)):
        return False
    if not _SEARCH2(value):
        return False
    return True


def _valid_1(value):
    if not (isinstance(value, list)):
        return False
    if len(value) < 1:
        return False
    for element12 in value:
        if not (isinstance(element12, str)):
            return False
        if not _SEARCH2(element12):
            return False
    return True


def _valid_2(value):
    if isinstance(value, dict):
        if not _REQUIRED10 <= value.keys():
            return False
    return True


def _valid_3(value):
    if isinstance(value, dict):
        if 'via' in value:
            item23 = value['via']
            if not (isinstance(item23, str) and item23 in _ENUM11):
                return False
    return True


def _valid_4(value):
    if isinstance(value, dict):
        if not _REQUIRED12 <= value.keys():
            return False
        if 'via' in value:
            item24 = value['via']
            if not (isinstance(item24, str) and item24 == 'api'):
                return False
    return True
