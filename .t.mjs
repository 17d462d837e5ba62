import { stringify, Document } from "yaml";
const v = { strings: ["yes","no","on","off","y","N","null","~","true","1.0","0x1f","012","1e3",""," lead","trail ","a: b","# c","- d","*e","&f","!g","%h","@i","`j","{k}","[l]","m,n","multi\nline","tab\there","ünï","'q'",'"dq"',"2023-11-14","12:30","0o12","1_000","+1","-.inf",".NaN","<<","=","?x", "a #b"],
 numbers: [0,-1,3.5,1e21,2.5e-7,-1e-7], bools:[true,false], nothing:null, empty:{list:[],map:{}}, nested:[{a:[1,[2,3]],"key with space":{"@type":"t"}},[[]]], u: undefined };
const opts = { version: "1.1", lineWidth: 0 };
const s = stringify(v, opts);
console.log(s);
