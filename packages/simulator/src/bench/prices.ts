/**
 * On-demand prices the bench turns units into dollars with: named, dated, each with where it
 * came from and whether it could be checked against AWS's own pages from here (BENCH.md
 * explains). Only what connect-affinity adds to a Connect instance is priced: DynamoDB,
 * Lambda and the agent event stream's Kinesis shard. Connect's own per-minute charges are the
 * same for every system and left out; Connect API calls have no per-request price.
 */
export interface Price {
  /** USD per `per` units. */
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
  /** `aws`: an AWS page states it; `third-party`: quoted by another page; `unverified`: neither. */
  readonly checked: "aws" | "third-party" | "unverified";
}

/** The price list of a bench run. */
export interface PriceList {
  /** When the prices were looked up (ISO date). */
  readonly asOf: string;
  /** The Region the prices are for (the simulator's instance is in ap-northeast-1). */
  readonly region: string;
  readonly dynamoDbReadRequestUnit: Price;
  readonly dynamoDbWriteRequestUnit: Price;
  readonly lambdaRequest: Price;
  /** arm64, as infra deploys the functions. */
  readonly lambdaGbSecond: Price;
  readonly kinesisShardHour: Price;
  readonly kinesisPutPayloadUnit: Price;
}

/** The prices used unless a run says otherwise (looked up 2026-12-01; see BENCH.md). */
export const defaultPrices: PriceList = {
  asOf: "2026-12-01",
  region: "us-east-1",
  dynamoDbReadRequestUnit: {
    usd: 0.125,
    per: 1_000_000,
    unit: "read request unit (on-demand, Standard table class)",
    source:
      "airbyte.com/data-engineering-resources/dynamodb-pricing (2025-07-21), quoting the November 2024 on-demand price cut",
    checked: "third-party",
  },
  dynamoDbWriteRequestUnit: {
    usd: 0.625,
    per: 1_000_000,
    unit: "write request unit (on-demand, Standard table class)",
    source:
      "airbyte.com/data-engineering-resources/dynamodb-pricing (2025-07-21), quoting the November 2024 on-demand price cut",
    checked: "third-party",
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: "request",
    source: "docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html",
    checked: "aws",
  },
  lambdaGbSecond: {
    usd: 0.000_013_333_4,
    per: 1,
    unit: "GB-second (arm64)",
    source:
      "third-party Lambda cost notes (x86 $0.0000166667 per GB-second is on the AWS whitepaper above; arm64 is 20 % less)",
    checked: "third-party",
  },
  kinesisShardHour: {
    usd: 0.015,
    per: 1,
    unit: "provisioned shard-hour",
    source:
      "kindatechnical.com Kinesis pricing lesson (aws.amazon.com/kinesis/data-streams/pricing shows no figures here)",
    checked: "third-party",
  },
  kinesisPutPayloadUnit: {
    usd: 0.014,
    per: 1_000_000,
    unit: "PUT payload unit (25 KB)",
    source:
      "the AWS Kinesis Data Streams price page's provisioned rate as remembered; not found in any page reachable here",
    checked: "unverified",
  },
};

/** Dollars for `quantity` units at `price`. */
export function costOf(quantity: number, price: Price): number {
  return (quantity * price.usd) / price.per;
}
