/**
 * A Lambda function as the interpreter invokes it: the Connect event in, the response out. A
 * rejection is the function failing, which takes the flow's error branch.
 */
export type LambdaFunction = (event: unknown) => Promise<unknown>;

/** The functions a flow may invoke, by the ARN written in its `LambdaFunctionARN`. */
export type LambdaFunctions = Readonly<Record<string, LambdaFunction>>;
