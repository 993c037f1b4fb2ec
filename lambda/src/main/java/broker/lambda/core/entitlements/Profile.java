package broker.lambda.core.entitlements;

/**
 * One profile of a document ({@code default} or a group's), with its defaults filled in.
 *
 * @param grant             its models in its regions
 * @param maxSessionSeconds the longest STS session (900..3600)
 * @param shortTermKeys     whether short-term Bedrock API keys may be issued
 * @param longTermKeys      whether, and within which bounds, long-term keys may be created
 * @param budget            its spend caps per person ({@link Budget#UNLIMITED} when the profile has no {@code budget})
 */
record Profile(Grant grant, int maxSessionSeconds, boolean shortTermKeys, LongTermKeys longTermKeys, Budget budget) {}
