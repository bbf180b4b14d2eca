import { describe, expect, it } from "vitest";
import {
  actionCatalog,
  actionTypeSpec,
  actionTypes,
  consoleMetadata,
  errorExpectations,
  type FlowActionType,
  type FlowType,
  flowTypeOfConsoleName,
  flowTypes,
  isActionType,
  isAllowedIn,
  listedFlowTypes,
  referenceUrl,
} from "../src/index.js";

describe("actionCatalog", () => {
  it("models every action type of the reference's four lists, each under its own name", () => {
    expect(actionTypes).toHaveLength(57);
    for (const type of actionTypes) {
      expect(actionCatalog[type].type).toBe(type);
      expect(actionTypeSpec(type)).toBe(actionCatalog[type]);
      expect(isActionType(type)).toBe(true);
    }
    expect(new Set(actionTypes.map((type) => actionCatalog[type].category))).toEqual(
      new Set(["contact", "flow-control", "interaction", "participant"]),
    );
  });

  it("cites a reference page for every type", () => {
    for (const type of actionTypes) {
      expect(referenceUrl(actionCatalog[type].page)).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/connect\/latest\/APIReference\/[a-z-]+\.html$/,
      );
    }
  });

  it("keeps exclusive and required groups to parameters the type has", () => {
    for (const type of actionTypes) {
      const spec = actionCatalog[type];
      for (const group of [...(spec.atMostOne ?? []), ...(spec.exactlyOne ?? [])]) {
        for (const name of group) expect(Object.keys(spec.parameters)).toContain(name);
      }
    }
  });

  it("gives terminal actions no errors and no NextAction", () => {
    const terminal = actionTypes.filter((type) => actionCatalog[type].next === "forbidden");
    expect(terminal).toEqual([
      "EndFlowModuleExecution",
      "EndFlowExecution",
      "DisconnectParticipant",
    ]);
    for (const type of terminal) {
      expect(actionCatalog[type].errors).toEqual([]);
      expect(actionCatalog[type].endsFlow).toBe(true);
    }
  });

  it("does not know the documentation's spellings the service rejects", () => {
    expect(isActionType("UpdateRoutingCriteria")).toBe(false);
    expect(isActionType("UnTagContact")).toBe(false);
    expect(actionTypeSpec("toString")).toBeUndefined();
  });
});

describe("isAllowedIn", () => {
  const allowed = (type: FlowActionType): readonly FlowType[] =>
    flowTypes.filter((flowType) => isAllowedIn(actionCatalog[type], flowType));

  it("follows each page's restrictions", () => {
    expect(allowed("TransferContactToQueue")).toEqual([
      "CONTACT_FLOW",
      "AGENT_TRANSFER",
      "QUEUE_TRANSFER",
      "MODULE",
      "CAMPAIGN",
    ]);
    expect(allowed("EndFlowExecution")).toEqual([
      "CUSTOMER_QUEUE",
      "CUSTOMER_WHISPER",
      "AGENT_WHISPER",
      "OUTBOUND_WHISPER",
    ]);
    expect(allowed("DequeueContactAndTransferToQueue")).toEqual(["CUSTOMER_QUEUE"]);
    expect(allowed("MessageParticipantIteratively")).toEqual([
      "CUSTOMER_QUEUE",
      "CUSTOMER_HOLD",
      "AGENT_HOLD",
    ]);
    expect(allowed("EndFlowModuleExecution")).toEqual(["MODULE"]);
    expect(allowed("InvokeFlowModule")).toEqual(["CONTACT_FLOW", "CAMPAIGN"]);
    expect(allowed("InvokeLambdaFunction")).toEqual(flowTypes);
  });

  it("keeps DisconnectParticipant out of whisper and hold flows, as the service is reported to", () => {
    const forbidden = flowTypes.filter(
      (flowType) => !isAllowedIn(actionCatalog.DisconnectParticipant, flowType),
    );
    expect(forbidden).toEqual([
      "CUSTOMER_HOLD",
      "CUSTOMER_WHISPER",
      "AGENT_HOLD",
      "AGENT_WHISPER",
      "OUTBOUND_WHISPER",
    ]);
  });

  it("expands the reference's groups of flow types", () => {
    expect(listedFlowTypes({ in: ["whisper", "MODULE"] })).toEqual([
      "CUSTOMER_WHISPER",
      "AGENT_WHISPER",
      "OUTBOUND_WHISPER",
      "MODULE",
    ]);
    expect(listedFlowTypes("all")).toBe("all");
  });
});

describe("errorExpectations", () => {
  const input = actionCatalog.GetParticipantInput;

  it("asks a DTMF menu for NoMatchingCondition and NoMatchingError", () => {
    const expected = errorExpectations(input, { StoreInput: "False" }, true);
    expect(expected.requiredByService).toEqual(["NoMatchingError", "NoMatchingCondition"]);
    expect(expected.forbidden).toEqual(["InvalidPhoneNumber"]);
  });

  it("asks stored phone input for InvalidPhoneNumber and forbids NoMatchingCondition", () => {
    const expected = errorExpectations(
      input,
      { StoreInput: "True", InputValidation: { PhoneNumberValidation: { NumberFormat: "E164" } } },
      false,
    );
    expect(expected.requiredByService).toEqual(["NoMatchingError", "InvalidPhoneNumber"]);
    expect(expected.forbidden).toEqual(["NoMatchingCondition"]);
  });

  it("expects ContactNotLinked only from case actions that link the contact", () => {
    expect(
      errorExpectations(actionCatalog.CreateCase, { LinkContactToCase: "false" }, false).raisable,
    ).toEqual(["NoMatchingError"]);
    expect(
      errorExpectations(actionCatalog.CreateCase, { LinkContactToCase: "true" }, false).raisable,
    ).toEqual(["ContactNotLinked", "NoMatchingError"]);
  });

  it("expects the call errors of a third-party transfer only when the flow continues", () => {
    const transfer = actionCatalog.TransferParticipantToThirdParty;
    expect(errorExpectations(transfer, { ContinueFlowExecution: "False" }, false).raisable).toEqual(
      ["NoMatchingError"],
    );
    expect(errorExpectations(transfer, {}, false).raisable).toEqual([
      "ConnectionTimeLimitExceeded",
      "CallFailed",
      "NoMatchingError",
    ]);
  });

  it("allows the errors accepted flows use although the page lists none", () => {
    expect(errorExpectations(actionCatalog.UpdateFlowAttributes, {}, false)).toEqual({
      requiredByService: [],
      raisable: [],
      allowed: ["NoMatchingError"],
      forbidden: [],
    });
  });
});

describe("flowTypeOfConsoleName", () => {
  it("reads the console's Metadata.type", () => {
    expect(flowTypeOfConsoleName("contactFlow")).toBe("CONTACT_FLOW");
    expect(flowTypeOfConsoleName("outboundWhisper")).toBe("OUTBOUND_WHISPER");
    expect(flowTypeOfConsoleName("contactFlowModule")).toBe("MODULE");
    expect(flowTypeOfConsoleName("somethingElse")).toBeUndefined();
    expect(flowTypeOfConsoleName(7)).toBeUndefined();
  });
});

describe("consoleMetadata", () => {
  it("names a Lambda block by its function and marks dynamic parameters", () => {
    expect(
      consoleMetadata({
        Identifier: "invoke-record",
        Type: "InvokeLambdaFunction",
        Parameters: {
          LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:record",
          InvocationTimeLimitSeconds: "3",
          LambdaInvocationAttributes: { agentId: "$.Attributes.affinityAgentId", source: "web" },
        },
        Transitions: { NextAction: "x" },
      }),
    ).toEqual({
      isFriendlyName: true,
      parameters: {
        LambdaFunctionARN: { displayName: "record" },
        LambdaInvocationAttributes: { agentId: { useDynamic: true } },
      },
      dynamicMetadata: { agentId: true, source: false },
    });
  });

  it("marks a working queue set from an attribute as dynamic", () => {
    expect(
      consoleMetadata({
        Identifier: "set-agent-queue",
        Type: "UpdateContactTargetQueue",
        Parameters: { AgentId: "$.Attributes.affinityAgentArn" },
        Transitions: { NextAction: "x" },
      }),
    ).toEqual({
      isFriendlyName: true,
      parameters: { AgentId: { useDynamic: true } },
      useDynamic: true,
    });
  });

  it("describes each branch of a comparison, with ids stable from run to run", () => {
    const compare = {
      Identifier: "check",
      Type: "Compare",
      Parameters: { ComparisonValue: "$.External.status" },
      Transitions: {
        NextAction: "x",
        Conditions: [
          { NextAction: "y", Condition: { Operator: "Equals", Operands: ["agent"] } },
          { NextAction: "z", Condition: { Operator: "NumberLessThan", Operands: ["3"] } },
        ],
      },
    } as const;
    const first = consoleMetadata(compare);
    expect(
      first.conditionMetadata?.map((entry) => [entry.operator.shortDisplay, entry.value]),
    ).toEqual([
      ["=", "agent"],
      ["<", "3"],
    ]);
    expect(first.conditionMetadata?.[0]?.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(consoleMetadata(compare)).toEqual(first);
  });

  it("gives the voice's language to Set voice", () => {
    expect(
      consoleMetadata({
        Identifier: "set-voice",
        Type: "UpdateContactTextToSpeechVoice",
        Parameters: { TextToSpeechVoice: "Joanna" },
        Transitions: { NextAction: "x" },
      }),
    ).toEqual({
      isFriendlyName: true,
      overrideConsoleVoice: true,
      parameters: { TextToSpeechVoice: { languageCode: "en-US" } },
    });
  });
});
