"""Groups and group memberships (membership is on the user: ``.../users/{id}/memberOfGroups``) of the
simulator's management API: ``GroupsAndMemberships``, mixed into ``ManagementAPI`` (management_api.py),
whose state and helpers it uses. Shapes follow the OpenAPI description's ``Group`` and
``GroupMembership`` schemas; choices no public document states are marked ASSUMED.
"""

import copy
import uuid

from platform_api import Reply, invalid_data, not_found, _now  # pylint: disable=import-error

GROUP_READONLY = ("_links", "id", "environment", "displayName", "sourceId", "sourceType", "directMemberCounts",
                  "totalMemberCounts", "createdAt", "updatedAt")
GROUP_WRITABLE = ("name", "description", "population", "userFilter", "externalId", "customData")


class GroupsAndMemberships:
    """Mixed into ManagementAPI: uses its ``_lock``, ``_groups``, ``_env``, ``_user``, ``_users_of``, ``_pops``,
    ``_page``, ``_scim``, ``_body``, ``_created``, ``_ok``, ``_conflict`` and ``_drop_subject_assignments``."""

    # pylint: disable=no-member
    # --- groups -----------------------------------------------------------------------------------
    def _groups_of(self, env):
        return self._groups.setdefault(env["id"], {})

    def _group(self, env_id, group_id):
        env, problem = self._env(env_id)
        if problem:
            return None, None, problem
        group = self._groups_of(env).get(group_id.lower())
        return env, group, None if group else not_found()

    def _members(self, env, group):
        return [user for user in self._users_of(env).values() if group["id"] in user["groups"]]

    def _group_json(self, env, group, base, include=()):
        href = f"{base}/v1/environments/{env['id']}/groups/{group['id']}"
        body = {"_links": {"self": {"href": href}, "environment": {"href": f"{base}/v1/environments/{env['id']}"}},
                "id": group["id"], "environment": {"id": env["id"]}, "createdAt": group["createdAt"], "updatedAt": group["updatedAt"]}
        body.update(copy.deepcopy(group["attrs"]))
        if group["population_id"]:
            body["population"] = {"id": group["population_id"]}
        for key in ("directMemberCounts", "totalMemberCounts"):   # no nested groups here: both count the same users
            if key in include:
                body[key] = {"users": len(self._members(env, group))}
        return body

    def _check_group(self, env, body, current=None):
        problems = [("INVALID_VALUE", key, f"{key} is read-only and cannot be set.") if key in GROUP_READONLY else
                    ("INVALID_VALUE", key, f"{key} is not an attribute of a group.") for key in body if key not in GROUP_WRITABLE]
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(("REQUIRED_VALUE" if name is None else "INVALID_VALUE", "name", "name must be a non-empty string."))
        for key in ("description", "userFilter", "externalId"):
            if body.get(key) is not None and not isinstance(body[key], str):
                problems.append(("INVALID_VALUE", key, f"{key} must be a string."))
        if body.get("customData") is not None and not isinstance(body["customData"], dict):
            problems.append(("INVALID_VALUE", "customData", "customData must be an object."))
        pop_id = None
        if body.get("population") is not None:
            pop = body["population"]
            pop_id = pop.get("id") if isinstance(pop, dict) else None
            if not isinstance(pop_id, str):
                problems.append(("REQUIRED_VALUE", "population.id", "population.id is required when population is given."))
            elif pop_id.lower() not in self._pops(env):
                problems.append(("INVALID_VALUE", "population.id", "No population with this id exists in the environment."))
        if current is not None and (pop_id or "").lower() != (current["population_id"] or ""):
            # ASSUMED: a group's population is fixed when it is created.
            problems.append(("INVALID_VALUE", "population.id", "A group's population cannot be changed."))
        # Names are unique per population, and an environment group (no population) shares its name with no group
        # (so two populations may each have a group of one name). ASSUMED: compared case-insensitively.
        scope = pop_id.lower() if isinstance(pop_id, str) else None
        taken = isinstance(name, str) and any(
            group["attrs"]["name"].lower() == name.lower() and group is not current
            and (group["population_id"] == scope or group["population_id"] is None or scope is None)
            for group in self._groups_of(env).values())
        return problems, taken

    def _list_groups(self, req, env_id):
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            attributes = {"name": lambda g: g["attrs"]["name"], "id": lambda g: g["id"], "population.id": lambda g: g["population_id"],
                          "externalId": lambda g: g["attrs"].get("externalId")}
            groups, problem = self._scim(req, list(self._groups_of(env).values()), attributes)
            include = req.params().get("include", "").split(",")
            return problem or self._page(req, groups, "groups", lambda g: self._group_json(env, g, req.base, include))

    def _store_group(self, group, body):
        group["attrs"] = {key: copy.deepcopy(body[key]) for key in GROUP_WRITABLE if key != "population" and body.get(key) is not None}

    def _create_group(self, req, env_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, problem = self._env(env_id)
            if problem:
                return problem
            problems, taken = self._check_group(env, body)
            if problems:
                return invalid_data(problems)
            if taken:
                return self._conflict("name")
            now = _now()
            group = {"id": str(uuid.uuid4()), "createdAt": now, "updatedAt": now,
                     "population_id": body["population"]["id"].lower() if body.get("population") else None}
            self._store_group(group, body)
            self._groups_of(env)[group["id"]] = group
            self._seed_read_only(env, "groups", group)
            return self._created(self._group_json(env, group, req.base))

    def _get_group(self, req, env_id, group_id):
        with self._lock:
            env, group, problem = self._group(env_id, group_id)
            return problem or self._ok(self._group_json(env, group, req.base, req.params().get("include", "").split(",")))

    def _replace_group(self, req, env_id, group_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, group, problem = self._group(env_id, group_id)
            if problem:
                return problem
            problems, taken = self._check_group(env, body, group)
            if problems:
                return invalid_data(problems)
            if taken:
                return self._conflict("name")
            self._store_group(group, body)
            group["updatedAt"] = _now()
            return self._ok(self._group_json(env, group, req.base))

    def _delete_group(self, req, env_id, group_id):
        del req
        with self._lock:
            env, group, problem = self._group(env_id, group_id)
            if problem:
                return problem
            del self._groups_of(env)[group["id"]]
            for user in self._users_of(env).values():   # its memberships go with it
                if group["id"] in user["groups"]:
                    user["groups"].remove(group["id"])
            self._drop_subject_assignments(env["id"], "groups", group["id"])
        return Reply(204)

    # --- memberships (on the user) ----------------------------------------------------------------
    def _membership_json(self, env, user, group, base, expand=False):
        env_href = f"{base}/v1/environments/{env['id']}"
        body = {"_links": {"self": {"href": f"{env_href}/users/{user['id']}/memberOfGroups/{group['id']}"},
                           "user": {"href": f"{env_href}/users/{user['id']}"}, "group": {"href": f"{env_href}/groups/{group['id']}"}},
                "id": group["id"], "environment": {"id": env["id"]}, "name": group["attrs"]["name"], "type": "DIRECT"}
        if expand:
            body["_embedded"] = {"group": self._group_json(env, group, base)}
        return body

    def _list_memberships(self, req, env_id, user_id):
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            groups = self._groups_of(env)
            member_of, problem = self._scim(req, [groups[gid] for gid in user["groups"] if gid in groups],
                                            {"id": lambda g: g["id"], "name": lambda g: g["attrs"]["name"]})
            expand = req.params().get("expand") == "group"
            return problem or self._page(req, member_of, "groupMemberships",
                                         lambda g: self._membership_json(env, user, g, req.base, expand))

    def _add_membership(self, req, env_id, user_id):
        body, problem = self._body(req)
        if problem:
            return problem
        with self._lock:
            env, user, problem = self._user(env_id, user_id)
            if problem:
                return problem
            group_id = body.get("id")
            if not isinstance(group_id, str):
                return invalid_data([("REQUIRED_VALUE", "id", "id (the group id) is required.")])
            group = self._groups_of(env).get(group_id.lower())
            if group is None:
                return invalid_data([("INVALID_VALUE", "id", "No group with this id exists in the environment.")])
            if group["population_id"] and group["population_id"] != user["population_id"]:
                # ASSUMED: a population's group holds only users of that population.
                return invalid_data([("INVALID_VALUE", "id", "The group belongs to another population than the user.")])
            if group["id"] in user["groups"]:
                return self._conflict("id", "The user is already a member of this group.")   # ASSUMED: 409
            user["groups"].append(group["id"])
            return self._created(self._membership_json(env, user, group, req.base))

    def _membership(self, env_id, user_id, group_id):
        env, user, problem = self._user(env_id, user_id)
        if problem:
            return None, None, None, problem
        group = self._groups_of(env).get(group_id.lower())
        if group is None or group["id"] not in user["groups"]:
            return env, user, None, not_found()
        return env, user, group, None

    def _get_membership(self, req, env_id, user_id, group_id):
        with self._lock:
            env, user, group, problem = self._membership(env_id, user_id, group_id)
            return problem or self._ok(self._membership_json(env, user, group, req.base, req.params().get("expand") == "group"))

    def _remove_membership(self, req, env_id, user_id, group_id):
        del req
        with self._lock:
            _env, user, group, problem = self._membership(env_id, user_id, group_id)
            if problem:
                return problem
            user["groups"].remove(group["id"])
        return Reply(204)
