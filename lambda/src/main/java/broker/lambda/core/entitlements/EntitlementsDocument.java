package broker.lambda.core.entitlements;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A validated entitlements document: which groups may use which models, where, and for how long.
 * The format and the rules that combine several groups are described in {@code docs/entitlements.md}.
 */
public final class EntitlementsDocument {
    private final Profile defaultProfile; // null: no default profile
    private final Map<String, Profile> groups;
    private final Set<String> adminGroups;
    private final List<Workload> workloads;

    EntitlementsDocument(Profile defaultProfile, Map<String, Profile> groups, Set<String> adminGroups) {
        this(defaultProfile, groups, adminGroups, List.of());
    }

    EntitlementsDocument(Profile defaultProfile, Map<String, Profile> groups, Set<String> adminGroups,
                         List<Workload> workloads) {
        this.defaultProfile = defaultProfile;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.adminGroups = Set.copyOf(adminGroups);
        this.workloads = List.copyOf(workloads);
    }

    /**
     * A workload's entitlement: the first entry of {@code workloads}, in document order, whose issuer and claims
     * match the token; empty when none does (the workload is not entitled). People's profiles never apply here.
     *
     * @param issuer the token's {@code iss}
     * @param claims the token's claims, as strings
     */
    public Optional<WorkloadEntitlement> entitlementForWorkload(String issuer, Map<String, String> claims) {
        for (Workload workload : workloads) {
            if (workload.matches(issuer, claims)) {
                Profile profile = workload.profile();
                return Optional.of(new WorkloadEntitlement(workload.name(), new Entitlement(
                        List.of(profile.grant()), profile.maxSessionSeconds(), profile.shortTermKeys(),
                        LongTermKeys.NONE, false)));
            }
        }
        return Optional.empty();
    }

    /**
     * What a workload token gets.
     *
     * @param workload    the name of the matching {@code workloads} entry
     * @param entitlement its models and regions; never long-term keys or admin rights
     */
    public record WorkloadEntitlement(String workload, Entitlement entitlement) {}

    /** The {@code workloads} entries, in document order. */
    public List<Workload> workloads() {
        return workloads;
    }

    /**
     * Parses and validates the format; throws with every problem when the document is not valid. The policy-size
     * check comes on top: {@code policy.EntitlementsCheck.parse}.
     */
    public static EntitlementsDocument parse(String json) throws InvalidEntitlementsException {
        EntitlementsReader.Reading reading = EntitlementsReader.read(json);
        if (!reading.problems().isEmpty()) {
            throw new InvalidEntitlementsException(reading.problems());
        }
        return new EntitlementsDocument(reading.defaultProfile(), reading.groups(), reading.adminGroups(),
                reading.workloads());
    }

    /**
     * The entitlement of a caller in these groups, or empty when no profile applies to them: the default
     * profile (if any) and the profile of every listed group the caller is in. Group names match exactly.
     */
    public Optional<Entitlement> entitlementFor(Collection<String> groups) {
        Set<String> callerGroups = groups == null ? Set.of()
                : groups.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        List<Profile> applying = new ArrayList<>();
        if (defaultProfile != null) {
            applying.add(defaultProfile);
        }
        this.groups.forEach((name, profile) -> {
            if (callerGroups.contains(name)) {
                applying.add(profile);
            }
        });
        if (applying.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entitlement(
                Grant.distinct(applying.stream().map(Profile::grant).toList()),
                applying.stream().mapToInt(Profile::maxSessionSeconds).max().orElseThrow(),
                applying.stream().anyMatch(Profile::shortTermKeys),
                LongTermKeys.mostGenerous(applying.stream().map(Profile::longTermKeys).toList()),
                isAdmin(callerGroups)));
    }

    /**
     * The spend caps of a caller in these groups: the most generous of the applying profiles' budgets
     * ({@link Budget#mostGenerous}); {@link Budget#UNLIMITED} when a profile without a budget applies or none applies
     * (a caller no profile applies to is refused before any budget matters).
     */
    public Budget budgetFor(Collection<String> groups) {
        Set<String> callerGroups = groups == null ? Set.of()
                : groups.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        List<Budget> applying = new ArrayList<>();
        if (defaultProfile != null) {
            applying.add(defaultProfile.budget());
        }
        this.groups.forEach((name, profile) -> {
            if (callerGroups.contains(name)) {
                applying.add(profile.budget());
            }
        });
        return Budget.mostGenerous(applying);
    }

    /**
     * True when the caller is in one of the document's admin groups, whether or not any profile applies
     * to them (an admin group without a profile may use the admin routes but no model).
     */
    public boolean isAdmin(Collection<String> groups) {
        return groups != null && groups.stream().filter(Objects::nonNull).anyMatch(adminGroups::contains);
    }

    /** One grant per profile in the document (default and every group): the Bedrock role's ceiling. */
    public List<Grant> allGrants() {
        List<Grant> all = new ArrayList<>();
        if (defaultProfile != null) {
            all.add(defaultProfile.grant());
        }
        groups.values().forEach(profile -> all.add(profile.grant()));
        workloads.forEach(workload -> all.add(workload.profile().grant()));
        return Grant.distinct(all);
    }

    /** The grants of people's profiles (default and groups): what one person in every group could get. */
    public List<Grant> peopleGrants() {
        List<Grant> all = new ArrayList<>();
        if (defaultProfile != null) all.add(defaultProfile.grant());
        groups.values().forEach(profile -> all.add(profile.grant()));
        return Grant.distinct(all);
    }

    /**
     * Each profile's grant with the JSON path of the profile ({@code $.default}, {@code $.groups.developers}), in
     * document order: what the model catalog's warnings point at.
     */
    public List<ProfileGrant> profileGrants() {
        List<ProfileGrant> all = new ArrayList<>();
        if (defaultProfile != null) {
            all.add(new ProfileGrant(JsonPaths.field(JsonPaths.ROOT, "default"), defaultProfile.grant()));
        }
        String groupsPath = JsonPaths.field(JsonPaths.ROOT, "groups");
        groups.forEach((name, profile) -> all.add(new ProfileGrant(JsonPaths.field(groupsPath, name), profile.grant())));
        String workloadsPath = JsonPaths.field(JsonPaths.ROOT, "workloads");
        for (int i = 0; i < workloads.size(); i++) {
            all.add(new ProfileGrant(JsonPaths.index(workloadsPath, i), workloads.get(i).profile().grant()));
        }
        return List.copyOf(all);
    }

    /**
     * One profile's grant and where the document declares it.
     *
     * @param path  the profile's JSON path; its models are at {@code path + ".models[i]"}
     * @param grant the profile's models and regions
     */
    public record ProfileGrant(String path, Grant grant) {}

    /** Every region named anywhere in the document (the Bedrock role's ceiling), sorted. */
    public List<String> allRegions() {
        return List.copyOf(allGrants().stream().flatMap(g -> g.regions().stream())
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Every model id named anywhere in the document (the Bedrock role's ceiling), sorted. */
    public List<String> allModels() {
        return List.copyOf(allGrants().stream().flatMap(g -> g.models().stream())
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The group names that have a profile, in document order. */
    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    /** The admin group names, sorted. */
    public List<String> adminGroupNames() {
        return List.copyOf(new TreeSet<>(adminGroups));
    }

    /** Whether the document has a default profile, which applies to every signed-in user. */
    public boolean hasDefaultProfile() {
        return defaultProfile != null;
    }

    @Override
    public String toString() {
        return "EntitlementsDocument[default=" + hasDefaultProfile() + ", groups=" + groups.keySet()
                + ", adminGroups=" + new LinkedHashSet<>(adminGroupNames())
                + ", workloads=" + workloads.stream().map(Workload::name).toList() + "]";
    }
}
