export declare const internalProps: readonly string[];
export declare const mangleProps: RegExp;
